export { AltogicClient, createClient } from './client.js'
export { AgnostClient, createAgnostClient } from './agnost/agnost-client.js'
export type { AgnostClientOptions } from './agnost/agnost-client.js'
export { AgnostAuthManager } from './agnost/agnost-auth-manager.js'
export type { UserData } from './agnost/agnost-auth-flows.js'
export type { AgnostHandshake, AgnostRealtimeTarget } from './agnost/agnost-realtime-url.js'
export { AgnostBucketManager, AgnostStorageManager } from './agnost/agnost-storage.js'
export type { AgnostFileInfo, AgnostUploadOptions } from './agnost/agnost-storage.js'
export { APIBase } from './api-base.js'
export { AuthManager } from './auth-manager.js'
export type {
  AuthGrant,
  AuthResult,
  CookieRequest,
  CookieResponse,
  ErrorsResult,
  NameOrUserData,
  OAuthProvider,
  SessionsResult,
  UserResult,
} from './auth-types.js'
export { CacheManager } from './cache-manager.js'
export type { CacheListResult, CacheResult } from './cache-manager.js'
export { ClientError } from './client-error.js'
export { DatabaseManager } from './db/database-manager.js'
export { DBObject } from './db/db-object.js'
export { QueryBuilder } from './db/query-builder.js'
export type {
  AppendOptions,
  CacheDuration,
  ComplexLookup,
  ComputeRow,
  CountedList,
  CountInfo,
  CreateOptions,
  DBAction,
  DBResult,
  DeleteInfo,
  DeleteOptions,
  FieldUpdate,
  FieldUpdateType,
  GetOptions,
  GroupComputation,
  GroupComputationType,
  Listed,
  Lookup,
  ObjectValues,
  ReturnTopOf,
  SetOptions,
  SimpleLookup,
  SortDirection,
  SortEntry,
  StoredObject,
  SystemFields,
  TopObject,
  UpdateInfo,
  UpdateOptions,
  Written,
} from './db/types.js'
export { EndpointManager } from './endpoint-manager.js'
export type { EndpointBody, EndpointResult, ResolvedBody } from './endpoint-manager.js'
export { Fetcher } from './fetcher.js'
export type { FetcherOptions } from './fetcher.js'
export type { ClientOptions, FetchFunction, RealtimeOptions } from './options.js'
export { QueueManager } from './queue-manager.js'
export type { MessageInfo, MessageResult, ProcessingStatus } from './queue-manager.js'
export { RealtimeManager } from './realtime-manager.js'
export type {
  AnyListenerFunction,
  EventData,
  ListenerFunction,
  MemberData,
  MembersResult,
  UserEventListenerFunction,
} from './realtime-types.js'
export type { RealtimeTarget } from './realtime-url.js'
export type { ResolveType } from './response-decoding.js'
export { BucketManager } from './storage/bucket-manager.js'
export { FileManager } from './storage/file-manager.js'
export { StorageManager } from './storage/storage-manager.js'
export type {
  Bucket,
  BucketListOptions,
  BucketSortEntry,
  BucketStats,
  CountInfoOf,
  FileBody,
  FileInfo,
  FileListOptions,
  FileSortEntry,
  FileUploadOptions,
  ListResult,
  StorageList,
  StorageResult,
  StorageStats,
} from './storage/types.js'
export { TaskManager } from './task-manager.js'
export type { TaskInfo, TaskResult } from './task-manager.js'
export type { ProgressCallback } from './xhr-upload.js'
export type { APIError, ClientStorage, ErrorEntry, KeyValuePair, Session, User } from './types.js'
