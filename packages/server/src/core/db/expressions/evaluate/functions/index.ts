import { ARRAY_FUNCTIONS } from './array.js'
import { CONVERSION_FUNCTIONS } from './conversion.js'
import { DATE_FUNCTIONS } from './date.js'
import type { FunctionImplementation } from './function-types.js'
import { GEO_FUNCTIONS } from './geo.js'
import { LOGICAL_FUNCTIONS } from './logical.js'
import { MATH_FUNCTIONS } from './math.js'
import { OBJECT_FUNCTIONS } from './object.js'
import { TEXT_FUNCTIONS } from './text.js'
import { VALIDATION_FUNCTIONS } from './validation.js'

/** Every function's in-memory implementation, by canonical catalog name. */
export const FUNCTION_IMPLEMENTATIONS: ReadonlyMap<string, FunctionImplementation> = new Map(
  Object.entries({
    ...LOGICAL_FUNCTIONS,
    ...TEXT_FUNCTIONS,
    ...MATH_FUNCTIONS,
    ...DATE_FUNCTIONS,
    ...ARRAY_FUNCTIONS,
    ...OBJECT_FUNCTIONS,
    ...CONVERSION_FUNCTIONS,
    ...VALIDATION_FUNCTIONS,
    ...GEO_FUNCTIONS,
  }),
)
