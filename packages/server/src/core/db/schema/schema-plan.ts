/** One change to the app schema. */
export interface SchemaStep {
  /** The SQL that makes it (one or more statements). */
  readonly sql: string
  /** What it does, for people: `add column posts.title text`. */
  readonly description: string
  /** Whether it destroys stored values (drop table, drop column, narrowing type change). */
  readonly dataLoss: boolean
}

/** The ordered changes that bring the database to the models. Empty: they already match. */
export interface SchemaPlan {
  readonly steps: readonly SchemaStep[]
}

/** The command that applies changes that lose data. */
export const ACCEPT_DATA_LOSS_COMMAND = 'basalt db migrate --accept-data-loss'

/**
 * A schema change that was refused or could not be made: changes that lose data without
 * `acceptDataLoss`, a unique index over duplicate values, a missing PostgreSQL extension.
 * The message says what and how to proceed; `steps` are the changes concerned.
 */
export class SchemaChangeError extends Error {
  constructor(
    message: string,
    readonly steps: readonly SchemaStep[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'SchemaChangeError'
  }
}

/** One line per step: `+` for a safe change, `!` for one that loses data. */
export function formatSteps(steps: readonly SchemaStep[], indent = '  '): string {
  return steps.map((step) => `${indent}${step.dataLoss ? '!' : '+'} ${step.description}`).join('\n')
}

/** The plan as people read it, with a closing hint when some steps lose data. */
export function formatPlan(plan: SchemaPlan): string {
  if (plan.steps.length === 0) return 'The database matches the models: nothing to change.'
  const losing = plan.steps.filter((step) => step.dataLoss).length
  const lines = [`${count(plan.steps.length, 'change')} to make:`, formatSteps(plan.steps)]
  if (losing > 0) {
    lines.push(
      `${count(losing, 'change')} marked ! ${losing === 1 ? 'loses' : 'lose'} data; ` +
        `\`${ACCEPT_DATA_LOSS_COMMAND}\` applies them.`,
    )
  }
  return lines.join('\n')
}

/** `1 change`, `3 changes`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
