/**
 * Delivers pad answers to the hall server. The citizen has already been thanked, so a failed
 * delivery (network down, server restarting) is retried in the background until the server
 * has the answer or refuses it for good (already answered, too late).
 */
import type { Answer } from './rating-pad.js';

const RETRY_MS = 2000;
const GIVE_UP_MS = 10 * 60_000;

export type SendOutcome = 'recorded' | 'refused';

export function sendAnswer(key: string, answer: Answer, started = Date.now()): Promise<SendOutcome> {
  return fetch('/api/ratings', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(answer),
  }).then(
    (res) => (res.ok ? 'recorded' : res.status >= 500 ? retry(key, answer, started) : 'refused'),
    () => retry(key, answer, started),
  );
}

function retry(key: string, answer: Answer, started: number): Promise<SendOutcome> {
  if (Date.now() - started > GIVE_UP_MS) return Promise.resolve('refused');
  return new Promise((resolve) => setTimeout(() => resolve(sendAnswer(key, answer, started)), RETRY_MS));
}
