/** The scaffolded basalt.config.ts of an app named `name`. */
export function configTemplate(name: string): string {
  return `// The configuration of this Basalt app, read by \`basalt start\` and \`basalt dev\`.
// Server settings (port, host, database, Redis, log level) are not set here: they come from
// flags and environment variables, see \`basalt start --help\`.
import { defineConfig } from 'basalt'

export default defineConfig({
  // The app's name, shown in logs and the console.
  name: ${quote(name)},

  // Data models, their fields and access rules (see Basalt's docs/database.md), e.g.
  //   models: { notes: { access: { read: 'true' }, fields: { text: { type: 'text' } } } },
  // Sign-up, sign-in and sessions (docs/auth.md):
  //   auth: { emailConfirmation: true },
  // The app's own code (docs/functions.md): endpoints, queues, tasks and parameters, e.g.
  //   endpoints: [{ method: 'GET', path: '/hello', handler: 'handlers/hello.ts' }],
  //   queues: { emails: { handler: 'handlers/emails.ts' } },
  //   tasks: { nightly: { handler: 'handlers/nightly.ts', schedule: '0 3 * * *' } },
  // Later versions of Basalt add: storage (buckets and files).
})
`
}

/** The scaffolded README.md. */
export function readmeTemplate(name: string): string {
  return `# ${name}

A Basalt app: a backend that speaks the Altogic client protocol.

## Start

\`\`\`sh
basalt dev     # runs the server, restarts it when a file in this folder changes
basalt start   # runs the server (NODE_ENV=production for production)
\`\`\`

The first start creates the data folder \`.basalt/\` (an embedded PostgreSQL, kept out of git)
and prints the base URL with a development client key:

\`\`\`js
import { createClient } from 'altogic'
const client = createClient('http://127.0.0.1:4000', '<the printed key>')
\`\`\`

More keys: \`basalt keys create --type client --name web\`. Settings: \`basalt start --help\`.
`
}

/** The line init adds to .gitignore. */
export const GITIGNORE_LINE = '.basalt/'

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
