// A check that cannot be judged because something it needs could not be had (the session, a
// message the checker meant to create, the outsider's connection). Thrown only by what prepares a
// check, caught only by the step that runs it, and reported as the check's `blocked` verdict.

export class Blocked extends Error {
  override readonly name = 'Blocked';
}

export const isBlocked = (value: unknown): value is Blocked => value instanceof Blocked;
