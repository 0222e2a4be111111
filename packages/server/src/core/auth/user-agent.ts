import { UAParser } from 'ua-parser-js'
import type { UserAgentInfo } from './user-types.js'

type Parts = { family: string; major: string; minor: string; patch: string }

/** The Altogic `userAgent` shape of a User-Agent header: browser, device and OS with versions. */
export function parseUserAgent(header: string | undefined): UserAgentInfo {
  const result = new UAParser(header ?? '').getResult()
  return {
    ...parts(result.browser.name, result.browser.version),
    device: parts(result.device.model ?? result.device.vendor, undefined),
    os: parts(result.os.name, result.os.version),
  }
}

function parts(name: string | undefined, version: string | undefined): Parts {
  const [major = '', minor = '', patch = ''] = (version ?? '').split('.')
  return { family: name ?? 'Other', major, minor, patch }
}
