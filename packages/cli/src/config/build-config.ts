import { basename, resolve } from 'node:path'
import { ConfigError, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { ServerConfig } from '@basalt/server'
import type { Environment } from './environment.js'
import { withParameterOverrides } from './app-parameters.js'

/** The server settings given on the command line, as commander hands them over (strings). */
export interface ConfigFlags {
  port?: string | undefined
  host?: string | undefined
  dataDir?: string | undefined
  logLevel?: string | undefined
  databaseUrl?: string | undefined
  redisUrl?: string | undefined
}

/** A loaded config file: where it is and what it default-exports. */
export interface ConfigFile {
  path: string
  config: unknown
}

/** Everything a configuration is made from; `appDir` is absolute. */
export interface BuildConfigInput {
  env: Environment
  flags: ConfigFlags
  file?: ConfigFile | undefined
  appDir: string
  /** The built admin console's folder, when there is one (served at /_console). */
  consoleDir?: string | undefined
}

/** Turns a flag or variable's text into the setting's value, or says what was expected. */
type Parser = (text: string) => { value: unknown } | { problem: string }

const whole: Parser = (text) =>
  /^\d+$/.test(text)
    ? { value: Number(text) }
    : { problem: `expected a whole number, got '${text}'` }

const yesNo: Parser = (text) => {
  if (/^(true|1|yes)$/i.test(text)) return { value: true }
  if (/^(false|0|no)$/i.test(text)) return { value: false }
  return { problem: `expected true or false, got '${text}'` }
}

const rateLimit: Parser = (text) => {
  const match = /^(\d+)\/(\d+)s?$/.exec(text)
  if (!match) return { problem: `expected <max>/<seconds> such as 100/60, got '${text}'` }
  return { value: { max: Number(match[1]), windowSeconds: Number(match[2]) } }
}

interface Setting {
  key:
    | 'port'
    | 'host'
    | 'dataDir'
    | 'logLevel'
    | 'databaseUrl'
    | 'redisUrl'
    | 'publicUrl'
    | 'bodyLimitBytes'
    | 'trustProxy'
    | 'defaultRateLimit'
    | 'encryptionKey'
    | 'maxFileSizeBytes'
  env: string
  flag?: keyof ConfigFlags
  option?: string
  parse?: Parser
}

/** Each setting the CLI fills from a flag or an environment variable. */
export const SETTINGS: readonly Setting[] = [
  { key: 'port', env: 'PORT', flag: 'port', option: '--port', parse: whole },
  { key: 'host', env: 'HOST', flag: 'host', option: '--host' },
  { key: 'dataDir', env: 'BASALT_DATA_DIR', flag: 'dataDir', option: '--data-dir' },
  { key: 'databaseUrl', env: 'DATABASE_URL', flag: 'databaseUrl', option: '--database-url' },
  { key: 'redisUrl', env: 'REDIS_URL', flag: 'redisUrl', option: '--redis-url' },
  { key: 'logLevel', env: 'BASALT_LOG_LEVEL', flag: 'logLevel', option: '--log-level' },
  { key: 'publicUrl', env: 'BASALT_PUBLIC_URL' },
  { key: 'bodyLimitBytes', env: 'BASALT_BODY_LIMIT', parse: whole },
  { key: 'trustProxy', env: 'BASALT_TRUST_PROXY', parse: yesNo },
  { key: 'defaultRateLimit', env: 'BASALT_RATE_LIMIT', parse: rateLimit },
  { key: 'encryptionKey', env: 'BASALT_ENCRYPTION_KEY' },
  { key: 'maxFileSizeBytes', env: 'BASALT_MAX_FILE_SIZE', parse: whole },
]

/** The variables of S3-compatible file storage, by the key of the `s3` setting each fills. */
export const S3_VARIABLES = {
  bucket: 'BASALT_S3_BUCKET',
  region: 'BASALT_S3_REGION',
  endpoint: 'BASALT_S3_ENDPOINT',
  accessKeyId: 'BASALT_S3_ACCESS_KEY_ID',
  secretAccessKey: 'BASALT_S3_SECRET_ACCESS_KEY',
  forcePathStyle: 'BASALT_S3_FORCE_PATH_STYLE',
  prefix: 'BASALT_S3_PREFIX',
} as const

/** The region when BASALT_S3_REGION is not set (what most S3-compatible services accept). */
const DEFAULT_S3_REGION = 'us-east-1'

/**
 * Merges flags > environment > config file > defaults into a validated, frozen ServerConfig.
 * Pure: it reads nothing but its input. Throws ConfigError naming each bad value by where it
 * came from (`PORT: ...`, `--port: ...`, `basalt.config.ts: ...`).
 */
export function buildConfig(input: BuildConfigInput): ServerConfig {
  const { env, flags, file, appDir } = input
  const sources = new Map<string, string>()
  const merged: Record<string, unknown> = {
    ...DEFAULT_CONFIG,
    ...readSettings(flags, env, sources),
  }
  merged.dataDir = resolve(appDir, String(merged.dataDir))
  merged.appDir = resolve(appDir)
  if (env.NODE_ENV === 'production') merged.mode = 'production'
  if (file) {
    sources.set('app', basename(file.path))
    merged.app = appSection(file)
  }
  merged.app = withParameterOverrides(merged.app, env)
  const s3 = readS3(env, sources)
  if (s3) merged.s3 = s3
  // BASALT_CONSOLE=false: no console at /_console (the admin API stays, for scripts).
  if (input.consoleDir && env.BASALT_CONSOLE !== 'false') merged.consoleDir = input.consoleDir
  try {
    return parseServerConfig(merged)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    throw new ConfigError(error.problems.map((problem) => nameSource(problem, sources)))
  }
}

/** The data folder alone (flags > env > default, relative to the app folder). */
export function resolveDataDir(input: Omit<BuildConfigInput, 'file'>): string {
  const setting = SETTINGS.find((s) => s.key === 'dataDir')!
  return resolve(
    input.appDir,
    pick(setting, input.flags, input.env)?.value ?? DEFAULT_CONFIG.dataDir,
  )
}

/** The settings given by flags or environment, noting where each came from in `sources`. */
function readSettings(flags: ConfigFlags, env: Environment, sources: Map<string, string>) {
  const settings: Record<string, unknown> = {}
  const problems: string[] = []
  for (const setting of SETTINGS) {
    const picked = pick(setting, flags, env)
    if (!picked) continue
    sources.set(setting.key, picked.source)
    const parsed = setting.parse ? setting.parse(picked.value) : { value: picked.value }
    if ('value' in parsed) settings[setting.key] = parsed.value
    else problems.push(`${picked.source}: ${parsed.problem}`)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return settings
}

function pick(setting: Setting, flags: ConfigFlags, env: Environment) {
  const flagged = setting.flag && flags[setting.flag]
  if (flagged !== undefined && flagged !== '') return { value: flagged, source: setting.option! }
  // An empty variable (`PORT= basalt start`) means unset, as most tools read it.
  const fromEnv = env[setting.env]
  if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: setting.env }
  return undefined
}

/**
 * The `s3` setting from BASALT_S3_* variables: none when no variable is set; BASALT_S3_BUCKET
 * is then required (checked by the server config), the region defaults to us-east-1.
 */
function readS3(
  env: Environment,
  sources: Map<string, string>,
): Record<string, unknown> | undefined {
  const given = Object.entries(S3_VARIABLES).filter(([, name]) => (env[name] ?? '') !== '')
  if (given.length === 0) return undefined
  sources.set('s3', 'BASALT_S3_*')
  const s3: Record<string, unknown> = { region: DEFAULT_S3_REGION }
  for (const [key, name] of given) {
    const text = env[name]!
    if (key !== 'forcePathStyle') s3[key] = text
    else {
      const parsed = yesNo(text)
      if ('problem' in parsed) throw new ConfigError([`${name}: ${parsed.problem}`])
      s3[key] = parsed.value
    }
  }
  if (s3.bucket === undefined) {
    throw new ConfigError([
      `${S3_VARIABLES.bucket}: required when other BASALT_S3_* variables are set`,
    ])
  }
  return s3
}

function appSection(file: ConfigFile): unknown {
  const config = file.config
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError([
      `${basename(file.path)}: expected its default export to be an object, ` +
        `like defineConfig({ name: 'my-app' })`,
    ])
  }
  return config
}

/** `port: expected ...` becomes `PORT: expected ...` when PORT gave the value. */
function nameSource(problem: string, sources: Map<string, string>): string {
  const match = /^([^.:]+)(?:\.([^:]*))?: (.*)$/s.exec(problem)
  const source = match && sources.get(match[1]!)
  if (!match || !source) return problem
  return match[2] ? `${source}: ${match[2]}: ${match[3]}` : `${source}: ${match[3]}`
}
