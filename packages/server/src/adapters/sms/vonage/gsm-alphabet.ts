// GSM 03.38: the basic character set, then the extension table (sent as escape + character).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const EXTENSION = '\f^{}\\[~]|€'
const GSM7 = new Set([...BASIC, ...EXTENSION])

/** Whether a text fits the GSM 7-bit alphabet, the default encoding of text messages. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM7.has(char)) return false
  return true
}
