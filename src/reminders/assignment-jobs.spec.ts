import { JOBS } from '../jobs/jobs.js';
import { assignmentJobs } from './assignment-jobs.js';

// 08:00-12:00 WIT (Ambon) on Wednesday 2 December 2026.
const shift = {
  assignmentId: 'a1',
  localDate: '2026-12-02',
  timezone: 'Asia/Jayapura',
  startsAt: new Date('2026-12-01T23:00:00Z'),
};

describe('the jobs a booking implies', () => {
  it('reminds at 18:00 local the day before and 2 hours before the start', () => {
    const jobs = assignmentJobs(shift, new Date('2026-11-23T00:00:00Z'));
    expect(jobs.map((job) => [job.name, job.jobId, job.runAt.toISOString()])).toEqual([
      [JOBS.reminderDayBefore, 'reminder-day-before-a1', '2026-12-01T09:00:00.000Z'],
      [JOBS.reminderTwoHours, 'reminder-2h-a1', '2026-12-01T21:00:00.000Z'],
    ]);
    expect(jobs.every((job) => job.payload.assignmentId === 'a1' && !job.jobId.includes(':'))).toBe(true);
  });

  it("the day-before reminder follows the site's zone (18:00 WIB is 11:00 UTC)", () => {
    const [dayBefore] = assignmentJobs({ ...shift, timezone: 'Asia/Jakarta' }, new Date('2026-11-23T00:00:00Z'));
    expect(dayBefore.runAt.toISOString()).toBe('2026-12-01T11:00:00.000Z');
  });

  it('leaves out reminders already past when booked late', () => {
    expect(assignmentJobs(shift, new Date('2026-12-01T10:00:00Z')).map((job) => job.name)).toEqual([
      JOBS.reminderTwoHours,
    ]);
    expect(assignmentJobs(shift, new Date('2026-12-01T21:00:00Z'))).toEqual([]);
  });
});
