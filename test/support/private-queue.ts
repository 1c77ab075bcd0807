import { createQueue } from "../../worker/queue";
import { createRedis } from "../../worker/redis";

/**
 * The job queue under a prefix of its own on the run's Redis, for a test that runs the relay, the
 * reconciler or a worker itself: `tag` names the test in the prefix; `close` empties and closes it.
 */
export function privateQueue(tag: string) {
  const prefix = `pmtest-${tag}-${Math.random().toString(36).slice(2, 8)}`;
  const producer = createRedis("redis://127.0.0.1:6379", "producer");
  const queue = createQueue(producer, prefix);
  const close = async () => {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    producer.disconnect();
  };
  return { prefix, queue, close };
}
