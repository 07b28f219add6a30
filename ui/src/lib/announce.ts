/**
 * The voice call seam. The display calls `announce(call)` once per new call; the Mandarin voice
 * (recorded prompts or a server-side TTS) is a later issue and replaces the body of this module.
 * For now: the browser's speech synthesis, only when it offers a Chinese voice, else nothing.
 */

export interface Announcement {
  number: string;
  counter_name: string;
}

/** What is said: 请A001号到3号综合窗口办理 */
export function announcementText(call: Announcement): string {
  return `请${call.number}号到${call.counter_name}办理`;
}

function chineseVoice(): SpeechSynthesisVoice | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  return window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith('zh')) ?? null;
}

export function announce(call: Announcement): void {
  const voice = chineseVoice();
  if (!voice) return;
  const utterance = new SpeechSynthesisUtterance(announcementText(call));
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}
