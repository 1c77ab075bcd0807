import { migrate } from "~/db/migrate.server";

// npm run db:migrate — applies pending migrations (npm start does this too).
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/parkmatch";
const applied = await migrate(url);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
