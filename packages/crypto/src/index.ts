export { adminsExtension, decodeAdmins } from './conversation-admins.js';
export { CryptoError, MlsProtocolError, SealedDataError, UnauthorizedMemberError } from './errors.js';
export {
  addMembers,
  contextExtension,
  createGroup,
  decodeGroup,
  encodeGroup,
  epoch,
  Group,
  groupId,
  isRemovedFromGroup,
  joinFromWelcome,
  members,
  rejoinGroup,
  removeMembers,
  selfUpdate,
  setContextExtension,
} from './mls-group.js';
export type {
  ContextExtension,
  CredentialPolicy,
  DeviceIdentity,
  DeviceRef,
  Member,
} from './mls-identity.js';
export { parseCredentialIdentity } from './mls-identity.js';
export {
  type CreatedKeyPackage,
  createKeyPackage,
  KEY_PACKAGE_LIFETIME_DAYS,
  keyPackageDevice,
  welcomeKeyPackageRefs,
} from './mls-key-package.js';
export { ACCOUNT_GROUP_EXTENSION, CONVERSATION_ADMINS_EXTENSION } from './mls-library.js';
export { encryptMessage, type ProcessedMessage, processMessage } from './mls-messages.js';
export {
  type CommittedLeaf,
  type PublicCommit,
  readPublicCommit,
  unsignedPublicCommit,
} from './mls-public-commit.js';
export {
  accountCode,
  SAFETY_NUMBER_VERSION,
  type SafetyNumberParty,
  safetyNumber,
  safetyNumberQrPayload,
} from './safety-number.js';
export {
  deriveStorageKey,
  LEGACY_STORAGE_KEY_PARAMS,
  open,
  STORAGE_KEY_PARAMS,
  type StorageKeyParams,
  seal,
  storageKeyMemory,
  TEST_STORAGE_KEY_PARAMS,
} from './sealing.js';
export {
  authChallengeMessage,
  generateSigningKeyPair,
  type SignatureLabel,
  type SigningKeyPair,
  signWithLabel,
  verifyWithLabel,
} from './signing.js';
