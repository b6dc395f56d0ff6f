import type { Caller, IdentityService } from '@callboard/backend-plugin-api';

export const GUEST_USER_REF = 'user:default/guest';

/**
 * Everyone is the guest until sign-in providers exist. Plugins ask this
 * service rather than assuming, so adding sign-in changes no plugin.
 */
export class GuestIdentity implements IdentityService {
  async getCaller(): Promise<Caller> {
    return { type: 'user', userEntityRef: GUEST_USER_REF, ownershipEntityRefs: [GUEST_USER_REF], guest: true };
  }
}
