import { useState } from 'preact/hooks'
import { Dialog, formatDate, Tabs } from '../../ui/index.js'

/** A mail or SMS of the outbox. */
export interface OutboxMessage {
  id: string
  kind: 'mail' | 'sms'
  recipient: string
  subject: string | null
  body: string
  html: string | null
  createdAt: string
}

/**
 * One message: its text, and its HTML in a sandboxed iframe (no scripts, no same-origin access,
 * so a message cannot reach the console or its token).
 */
export function MessageDialog(props: { message: OutboxMessage | undefined; onClose: () => void }) {
  const { message } = props
  const [part, setPart] = useState<'html' | 'text'>('html')
  const showHtml = Boolean(message?.html) && part === 'html'
  return (
    <Dialog
      title={message?.kind === 'sms' ? 'SMS' : (message?.subject ?? '(no subject)')}
      open={message !== undefined}
      onClose={props.onClose}
    >
      {message && (
        <div class="stack">
          <dl class="props">
            <dt>To</dt>
            <dd>{message.recipient}</dd>
            <dt>Sent</dt>
            <dd>{formatDate(message.createdAt)}</dd>
          </dl>
          {message.html && (
            <Tabs
              label="Message part"
              tabs={[
                { key: 'html', label: 'HTML' },
                { key: 'text', label: 'Text' },
              ]}
              value={part}
              onChange={setPart}
            />
          )}
          {showHtml ? (
            <iframe
              class="mail-frame"
              title="Message HTML"
              sandbox=""
              referrerpolicy="no-referrer"
              srcdoc={message.html!}
            />
          ) : (
            <pre>{message.body}</pre>
          )}
        </div>
      )}
    </Dialog>
  )
}
