// The server's door to the lead form's validation. A route imports it from here, not from
// ./lead-form-validation: a `.server` module is left out of the browser build, so Zod and the phone
// library stay out of the form's first load (the browser fetches them with `import()` once the page is up).
export { leadFormValidator, refuseFieldsSentTwice } from "./lead-form-validation";
