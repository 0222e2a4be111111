import { describe, expect, it } from 'vitest'
import { parseRealtimeEnvUrl, resolveRealtimeTarget } from '../src/realtime-url.js'

describe('realtime connection target (§7.1)', () => {
  it.each([
    ['https://fqle-avzr.c1-na.altogic.com', 'https://realtime.c1-na.altogic.com', 'fqle-avzr', ''],
    ['https://a.c1-na.altogic.com:8443/x', 'https://realtime.c1-na.altogic.com:8443', 'a', ''],
    ['https://c1-na.altogic.com/e:62a3f', 'https://realtime.c1-na.altogic.com', '', '62a3f'],
    ['https://engine.altogic.com/E:abc', 'https://realtime.altogic.com', '', 'abc'],
    ['http://api.example.test:8080', 'http://realtime.api.example.test:8080', '', ''],
    ['http://127.0.0.1:8080', 'http://realtime.0.0.1:8080', '127', ''],
    ['http://localhost:3000', '', '', ''],
    ['http://x.y', '', '', ''],
  ])('%s', (envUrl, realtimeUrl, subdomain, envId) => {
    expect(parseRealtimeEnvUrl(envUrl)).toEqual({ realtimeUrl, subdomain, envId })
  })

  it('Basalt: an explicit realtimeUrl wins; subdomain and envId still come from the env URL', () => {
    expect(resolveRealtimeTarget('https://c1-na.altogic.com/e:62a3f', ' http://rt:9 ')).toEqual({
      realtimeUrl: 'http://rt:9',
      subdomain: '',
      envId: '62a3f',
    })
    expect(resolveRealtimeTarget('http://localhost:3000', '')).toEqual({
      realtimeUrl: '',
      subdomain: '',
      envId: '',
    })
  })
})
