/**
 * Staff login with username and password (R17 account and password management).
 */
import type { StaffLoginRequest } from '../../contracts/identity';
import { acceptLogin, rejectLogin, type LoginContext, type LoginResult } from './complete-login';
import { toLoginThrottleKey } from './login-throttle';
import { verifyPassword } from './passwords';
import { UserModel } from './user.model';

const wrongCredentials = 'Username or password is incorrect';

/**
 * Verifies a staff account's password and opens a new session (the previous one is deleted).
 * Audits `auth.login` or `auth.login_failed`.
 * @throws AppError `rate_limited` (429, details.retryAfterSeconds) after 5 failures per account and
 *   address in 15 minutes; `unauthenticated` (401) for an unknown account, wrong password, a
 *   disabled account or a candidate account.
 */
export async function loginStaff(request: StaffLoginRequest, context: LoginContext): Promise<LoginResult> {
  const throttleKey = toLoginThrottleKey(`staff:${request.username}`, context.ip);
  await context.loginThrottle.assertAllowed(throttleKey);
  const user = await UserModel.findOne({ username: request.username }).lean();
  const isStaff = Boolean(user && !user.roles.includes('candidate'));
  const isPasswordCorrect = await verifyPassword(isStaff ? user?.passwordHash : undefined, request.password);
  if (!user || !isStaff || !isPasswordCorrect || !user.isActive) {
    const reason = !user || !isStaff ? 'unknown_account' : !isPasswordCorrect ? 'wrong_password' : 'inactive';
    return rejectLogin({
      throttleKey,
      account: request.username,
      kind: 'staff',
      reason,
      user: isStaff ? user : null,
      context,
      message: reason === 'inactive' ? 'This account is disabled' : wrongCredentials,
    });
  }
  return acceptLogin({ throttleKey, user, kind: 'staff', context });
}
