import type { Job } from './job-types.js';

/** Every job the emulator knows, in creation order. Deleted jobs are forgotten (then 404). */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  /** Registers a new job. */
  add(job: Job): void {
    this.jobs.set(job.id, job);
  }

  /** A job by id; ids are matched exactly, or by their 15-character case-sensitive form. */
  get(id: string): Job | undefined {
    return (
      this.jobs.get(id) ?? (id.length === 15 ? [...this.jobs.values()].find((j) => j.id.startsWith(id)) : undefined)
    );
  }

  /** Forgets a job (DELETE): later calls get 404. */
  delete(id: string): void {
    this.jobs.delete(id);
  }

  /** Every job, in creation order. */
  all(): Job[] {
    return [...this.jobs.values()];
  }
}
