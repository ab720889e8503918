// Public surface of the async-resource kit (what the worker's activities use).
export {
  RESOURCE_TYPES,
  resourceType,
  type AsyncResourceType,
  type OperationOf,
  type OperationRule,
  type ResourceTypeSpec,
} from './registry.js';
export { ASYNC_RESOURCES, ownerOf, setResourceStatus, type StatusChange } from './status.js';
