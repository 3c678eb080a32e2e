/**
 * Lists the users of one organisation for administrators.
 */
import type { ListUsersQuery, UserSummary } from '../../contracts/identity';
import { UserModel } from './user.model';
import { presentUser } from './user.presenter';

function escapeRegularExpression(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Users of `organisationId`, optionally of one role and matching `search` (name, username or ID
 * number, case-insensitive substring), ordered by name, paged by `limit`/`offset`.
 * @returns `{ users, total }` where total counts all matches before paging.
 */
export async function listUsers(options: {
  organisationId: string;
  query: ListUsersQuery;
}): Promise<{ users: UserSummary[]; total: number }> {
  const filter: Record<string, unknown> = { organisationId: options.organisationId };
  if (options.query.role) filter.roles = options.query.role;
  if (options.query.search) {
    const pattern = new RegExp(escapeRegularExpression(options.query.search), 'i');
    filter.$or = [{ name: pattern }, { username: pattern }, { idNumber: pattern }];
  }
  const [users, total] = await Promise.all([
    UserModel.find(filter).sort({ name: 1, _id: 1 }).skip(options.query.offset).limit(options.query.limit).lean(),
    UserModel.countDocuments(filter),
  ]);
  return { users: users.map(presentUser), total };
}
