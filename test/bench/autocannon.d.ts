// The part of autocannon's API the load generator uses (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    type Request = {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers?: Record<string, string | string[]>) => void;
    };
    type Histogram = { p50: number; p90: number; p99: number; max: number; mean: number };
    type Result = { requests: Histogram & { sent: number }; latency: Histogram; errors: number; timeouts: number; duration: number };
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      overallRate?: number;
      timeout?: number;
      requests?: Request[];
    };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
