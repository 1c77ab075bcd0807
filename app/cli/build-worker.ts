import { buildWorker, WORKER_ENTRY } from "./worker-entry";

// npm run build (after remix build): compiles the worker into build/worker.js (docs/decisions/048).
await buildWorker();
console.log(`worker compiled into ${WORKER_ENTRY}`);
