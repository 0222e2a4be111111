/** The path parameters of a model's objects. */
export type ModelParams = { Params: { model: string } }

/** The path parameters of one object. */
export type ObjectParams = { Params: { model: string; id: string } }
