import * as z from 'zod';
import { DomainError } from '../errors';
import { boxesOf, boxFor } from '../obligations/inbox';
import { ROLES, type Principal, type Role } from '../roles';
import { robotUrlProblem } from './config';
import { OfficeRobots, type Robot } from './model';

/**
 * The rules of the notification-settings routes. A person's choices reach every office the token
 * says the person reads for (never an office named in the request); an office's robots are set by a
 * person of that office, for the office the token gives that role.
 */
export const RobotsPath = z.object({ role: z.enum(ROLES) });

/** The offices a person's choices are copied into; none is a refusal, not a silent no-op. */
export function subscriptionBoxes(principal: Principal): string[] {
  const boxes = boxesOf(principal).map((candidate) => candidate.box);
  if (boxes.length === 0) throw new DomainError('NOTIFY_NO_OFFICE');
  return [...new Set(boxes)];
}

/** The office whose robots the caller may set in `role`; a role the caller lacks, or without an office, is refused. */
export function robotOffice(principal: Principal, role: Role): string {
  if (!principal.roles.includes(role)) throw new DomainError('FORBIDDEN');
  const box = boxFor(role, principal);
  if (box === undefined) throw new DomainError('NOTIFY_NO_OFFICE');
  return box;
}

/** Robots with distinct ids, each URL on an allowed host (config.ts `robotUrlProblem`). */
export function checkedRobots(input: OfficeRobots, allowedHosts: readonly string[]): Robot[] {
  const issues = input.robots.flatMap((robot, index) => {
    const problem = robotUrlProblem(robot.url, allowedHosts);
    return problem ? [{ path: `robots.${index}.url`, message: problem }] : [];
  });
  if (issues.length > 0) throw new DomainError('ROBOT_URL_NOT_ALLOWED', { issues });
  const seen = new Set<string>();
  const duplicates = input.robots.flatMap((robot, index) => {
    const repeated = seen.has(robot.id);
    seen.add(robot.id);
    return repeated ? [{ path: `robots.${index}.id`, message: '机器人标识重复' }] : [];
  });
  if (duplicates.length > 0) throw new DomainError('VALIDATION_FAILED', { issues: duplicates });
  return input.robots;
}
