import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import type { Issue } from './issue.entity.js';
import type { Actor } from './issue-workflow.js';

/** How the caller stands to an issue, for the workflow table and edit rights. */
export function actorOn(user: AuthUser, issue: Pick<Issue, 'authorId'>): Actor {
  return { isAuthor: issue.authorId === user.id, isStaff: isStaff(user) };
}

/** The author, facilitators and admins may edit an issue. */
export function mayEdit(user: AuthUser, issue: Pick<Issue, 'authorId'>): boolean {
  const actor = actorOn(user, issue);
  return actor.isAuthor || actor.isStaff;
}
