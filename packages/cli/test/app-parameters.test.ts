import { ConfigError } from '@basalt/server'
import { describe, expect, it } from 'vitest'
import { buildConfig } from '../src/config/build-config.js'

const file = {
  path: '/srv/app/basalt.config.ts',
  config: { parameters: { currency: 'EUR', maxItems: 10, beta: false, 'api-host': 'a' } },
}
const build = (env: Record<string, string>) =>
  buildConfig({ env, flags: {}, file, appDir: '/srv/app' })

describe('BASALT_PARAM_<NAME> overrides', () => {
  it('keeps the declared values without variables', () => {
    expect(build({}).app.parameters).toEqual(file.config.parameters)
  })

  it('overrides declared parameters by name, ignoring case, keeping their type', () => {
    const config = build({
      BASALT_PARAM_CURRENCY: 'USD',
      BASALT_PARAM_maxItems: '25',
      BASALT_PARAM_BETA: 'yes',
      BASALT_PARAM_API_HOST: 'b',
      BASALT_PARAM_stripeKey: 'sk_1',
    })
    expect(config.app.parameters).toEqual({
      currency: 'USD',
      maxItems: 25,
      beta: true,
      'api-host': 'b',
      stripeKey: 'sk_1',
    })
  })

  it('names the variable of a value that does not fit', () => {
    expect(() => build({ BASALT_PARAM_MAXITEMS: 'many' })).toThrow(ConfigError)
    expect(() => build({ BASALT_PARAM_MAXITEMS: 'many' })).toThrow(
      /BASALT_PARAM_MAXITEMS: expected a number/,
    )
  })

  it('works without a config file', () => {
    const config = buildConfig({ env: { BASALT_PARAM_X: '1' }, flags: {}, appDir: '/srv/app' })
    expect(config.app.parameters).toEqual({ X: '1' })
  })
})
