import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import { newObjectId } from '../../../tools/ids.js'
import { conflictOnDuplicate } from '../flows/shared.js'
import { findUserByEmail, insertUser, updateUser } from '../user-store.js'
import type { StoredUser, UserChanges } from '../user-store.js'
import { findLinkedUser, linkIdentity } from './oauth-identities.js'
import type { OAuthProfile } from './oauth-types.js'

/**
 * The user an OAuth sign-in is for, by these rules in order:
 * 1. the user this provider account is already linked to;
 * 2. the user with the same email, when both the provider and that user have it verified;
 * 3. a new user (provider = the provider's name), unless another user has that email: then
 *    409 email_already_exists, since an unverified address proves no ownership.
 */
export async function userForProfile(
  tx: Queryable,
  provider: string,
  profile: OAuthProfile,
): Promise<StoredUser> {
  const link = { provider, providerUserId: profile.id, email: profile.email }
  const linked = await findLinkedUser(tx, provider, profile.id)
  if (linked) {
    await linkIdentity(tx, { ...link, userId: linked.user._id })
    return refreshProfile(tx, linked, profile)
  }
  const holder = profile.email ? await findUserByEmail(tx, profile.email) : undefined
  if (holder) {
    if (!profile.emailVerified || !holder.user.emailVerified) {
      throw fail(
        'email_already_exists',
        'An account with this email already exists; sign in to it the way it was created.',
        { provider },
      )
    }
    await linkIdentity(tx, { ...link, userId: holder.user._id })
    return refreshProfile(tx, holder, profile)
  }
  const created = await insertUser(tx, {
    id: newObjectId(),
    provider,
    providerUserId: profile.id,
    email: profile.email,
    emailVerified: profile.emailVerified,
    name: profile.name,
    profilePicture: profile.picture,
  }).catch(conflictOnDuplicate)
  await linkIdentity(tx, { ...link, userId: created.user._id })
  return created
}

/** Fills the name and picture a user lacks, and confirms the email the provider verified. */
async function refreshProfile(
  tx: Queryable,
  stored: StoredUser,
  profile: OAuthProfile,
): Promise<StoredUser> {
  const { user } = stored
  const changes: UserChanges = {}
  if (!user.name && profile.name) changes.name = profile.name
  if (!user.profilePicture && profile.picture) changes.profile_picture = profile.picture
  const sameEmail = profile.email?.toLowerCase() === user.email?.toLowerCase()
  if (profile.emailVerified && sameEmail && !user.emailVerified) changes.email_verified = true
  return (await updateUser(tx, user._id, changes)) ?? stored
}
