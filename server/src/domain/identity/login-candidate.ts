/**
 * Candidate login with ID number, admission ticket number (准考证号) and password.
 */
import type { CandidateLoginRequest } from '../../contracts/identity';
import { acceptLogin, rejectLogin, type LoginContext, type LoginResult } from './complete-login';
import { toLoginThrottleKey } from './login-throttle';
import { verifyPassword } from './passwords';
import { UserModel } from './user.model';

const wrongCredentials = 'ID number, admission ticket number or password is incorrect';

/**
 * Verifies a candidate (ID number + one of their admission ticket numbers + password) and opens a
 * new session bound to that ticket. Audits `auth.login` or `auth.login_failed`.
 * @throws AppError `rate_limited` (429) after 5 failures per ID number and address in 15 minutes;
 *   `unauthenticated` (401) when the triple does not match an active candidate.
 */
export async function loginCandidate(request: CandidateLoginRequest, context: LoginContext): Promise<LoginResult> {
  const throttleKey = toLoginThrottleKey(`candidate:${request.idNumber}`, context.ip);
  await context.loginThrottle.assertAllowed(throttleKey);
  const user = await UserModel.findOne({
    idNumber: request.idNumber,
    admissionTicketNumbers: request.admissionTicketNumber,
    roles: 'candidate',
  }).lean();
  const isPasswordCorrect = await verifyPassword(user?.passwordHash, request.password);
  if (!user || !isPasswordCorrect || !user.isActive) {
    const reason = !user ? 'unknown_ticket' : !isPasswordCorrect ? 'wrong_password' : 'inactive';
    return rejectLogin({
      throttleKey,
      account: request.idNumber,
      kind: 'candidate',
      reason,
      user,
      context,
      message: reason === 'inactive' ? 'This account is disabled' : wrongCredentials,
    });
  }
  return acceptLogin({
    throttleKey,
    user,
    kind: 'candidate',
    admissionTicketNumber: request.admissionTicketNumber,
    context,
  });
}
