// The express `compression` middleware (1.8, a dependency we pin; no @types package is installed):
// only what app/server.ts uses.
declare module "compression" {
  import type { Request, RequestHandler, Response } from "express";
  interface CompressionOptions {
    /** Smallest body compressed, in bytes or a `bytes` string such as "1kb" (default 1kb). */
    threshold?: number | string;
    /** zlib level 0–9, or -1 for zlib's default. */
    level?: number;
    /** Whether to compress this response; the default compresses types `compressible` knows as text. */
    filter?: (req: Request, res: Response) => boolean;
  }
  interface Compression {
    (options?: CompressionOptions): RequestHandler;
    filter: (req: Request, res: Response) => boolean;
  }
  const compression: Compression;
  export default compression;
}
