import type { AuthContext } from './auth-context.js'

/** The mails Basalt sends, by purpose. */
export type MailPurpose = 'verify-email' | 'magic-link' | 'reset-pwd' | 'change-email'

const MAILS: Record<MailPurpose, { subject: string; text: string }> = {
  'verify-email': {
    subject: 'Confirm your email for {{app}}',
    text: 'Welcome to {{app}}.\n\nConfirm your email address by opening this link:\n{{link}}\n\nIf you did not sign up, ignore this mail.',
  },
  'magic-link': {
    subject: 'Your sign-in link for {{app}}',
    text: 'Open this link to sign in to {{app}}:\n{{link}}\n\nIf you did not ask for it, ignore this mail.',
  },
  'reset-pwd': {
    subject: 'Reset your password for {{app}}',
    text: 'Open this link to choose a new password for {{app}}:\n{{link}}\n\nIf you did not ask for it, ignore this mail.',
  },
  'change-email': {
    subject: 'Confirm your new email for {{app}}',
    text: 'Confirm that {{email}} is your new email address for {{app}}:\n{{link}}',
  },
}

/** Sends the mail of a purpose, with the app's template when it set one. */
export async function sendLinkMail(
  ctx: AuthContext,
  purpose: MailPurpose,
  to: string,
  link: string,
): Promise<void> {
  const template = { ...MAILS[purpose], ...ctx.config.mail.templates?.[purpose] }
  const values = { app: ctx.appName, link, email: to }
  await ctx.mailer.send({
    to,
    subject: fill(template.subject, values),
    text: fill(template.text, values),
  })
}

/** Sends an SMS code. */
export async function sendCodeSms(ctx: AuthContext, to: string, code: string): Promise<void> {
  await ctx.sms.send({ to, body: `Your ${ctx.appName} code is ${code}. It expires soon.` })
}

/** The server link a mail carries: `/_auth/<path>?token=...`. */
export function authLink(ctx: AuthContext, path: string, token: string): string {
  return `${ctx.publicUrl()}/_auth/${path}?token=${token}`
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole)
}
