/**
 * The cancel (DELETE → 204) and poll (GET → the provider's view of the job) halves of a
 * task-per-id REST API, shared by the Runway and Luma fakes.
 */
import type { Ctx, FakeJob, InternalCore } from './fake-core.ts';

/** Answer DELETE or GET for job `id`; false when the method is neither. */
export function cancelOrPoll(cx: Ctx, c: InternalCore, id: string, notFound: unknown, view: (job: FakeJob) => unknown): boolean {
  const m = cx.req.method ?? 'GET';
  const job = c.jobs.get(id);
  cx.log.jobId = id;
  if (m === 'DELETE') {
    cx.log.op = 'cancel';
    c.cancelled(id);
    if (c.fault('cancel', cx)) return true;
    if (!job) { c.json(cx, 404, notFound); return true; }
    if (job.state === 'queued' || job.state === 'running') job.state = 'canceled';
    cx.log.status = 204;
    cx.res.writeHead(204).end();
    return true;
  }
  if (m === 'GET') {
    cx.log.op = 'poll';
    if (c.fault('poll', cx)) return true;
    if (!job) { c.json(cx, 404, notFound); return true; }
    c.json(cx, 200, view(job));
    return true;
  }
  return false;
}
