import type { ModelCatalog, ResolvedField, ResolvedModel } from '../../db/model-types.js'

/** One field of a model as the console shows it and builds its forms. */
export interface FieldDescription {
  name: string
  type: string
  required: boolean
  readOnly: boolean
  unique: boolean
  /** The target model of a `reference`. */
  reference?: string
  /** The allowed options of an `option` or `option-list`. */
  values?: readonly string[]
  /** The element type of a `basic-values-list`. */
  itemType?: string
  /** The fields of the sub-model of an `object` or `object-list`. */
  fields?: FieldDescription[]
}

/** A top-level model and its declared fields (system fields are not listed). */
export interface ModelDescription {
  name: string
  fields: FieldDescription[]
}

/** The top-level models of the catalog, in declaration order. */
export function describeModels(catalog: ModelCatalog): ModelDescription[] {
  return [...catalog.models.values()]
    .filter((model) => model.kind === 'top')
    .map((model) => ({ name: model.name, fields: describeFields(model) }))
}

function describeFields(model: ResolvedModel): FieldDescription[] {
  return [...model.fields.values()].map(describeField)
}

function describeField(field: ResolvedField): FieldDescription {
  return {
    name: field.name,
    type: field.type,
    required: field.required,
    readOnly: field.readOnly,
    unique: field.unique,
    ...(field.reference !== undefined && { reference: field.reference }),
    ...(field.values !== undefined && { values: field.values }),
    ...(field.type === 'basic-values-list' && field.itemType && { itemType: field.itemType }),
    ...(field.subModel && { fields: describeFields(field.subModel) }),
  }
}
