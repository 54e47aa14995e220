import nodemailer from 'nodemailer';
import { emailMessage, type Notification } from './messages.ts';
import type { Channel } from '../schemas/site.ts';
import { pastBudget, type DeliverySettings, type Outcome } from './deliver.ts';

/**
 * An email per event through the channel's SMTP server (nodemailer). Each event has its own
 * Message-ID, and every message about one incident replies to its first, so a mail client shows the
 * incident as one thread. A 4xx reply or a lost connection is retried; a 5xx reply is a refusal.
 */

const messageId = (key: string, host: string) => `<${key.replace(/[^a-zA-Z0-9.-]/g, '.')}@${host}>`;

export async function sendEmail(
  smtpUrl: string,
  channel: Channel,
  event: Notification,
  siteName: string,
  host: string,
  settings: DeliverySettings,
  test = false,
): Promise<Outcome> {
  const message = emailMessage(event, siteName, test);
  const thread = messageId(`${event.thread}.start`, host);
  const first = event.opens;
  // The URL's own settings (user, password, host, port; smtps: for TLS), with the run's timeouts.
  let url: URL;
  try {
    url = new URL(smtpUrl);
    if (!['smtp:', 'smtps:'].includes(url.protocol)) throw new Error(url.protocol);
  } catch {
    return {
      ok: false,
      retry: false,
      answer: `${channel.smtp_env} is not an SMTP URL; write it like smtp://user:password@mail.example.com:587 (smtps:// for TLS)`,
      tries: 0,
    };
  }
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  let wait = settings.backoffMs;
  let answer = '';
  try {
    for (let tries = 1; tries <= settings.attempts; tries++) {
      try {
        const info = await transport.sendMail({
          from: channel.from,
          to: channel.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: first && !test ? thread : messageId(`${event.id}${test ? '.test' : ''}`, host),
          ...(first || test ? {} : { inReplyTo: thread, references: [thread] }),
        });
        return { ok: true, answer: info.response, tries };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        answer = (error as Error).message;
        if (code !== undefined && code >= 500) return { ok: false, retry: false, answer, tries };
      }
      if (tries < settings.attempts) {
        const late = pastBudget(wait, settings, Date.now());
        if (late) return { ok: false, retry: true, answer: `${answer} (${late})`, tries };
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      wait *= 2;
    }
    return { ok: false, retry: true, answer, tries: settings.attempts };
  } finally {
    transport.close();
  }
}
