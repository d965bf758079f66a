/** Where the audio captcha's recorded clips live (not under public/: only the server reads them) and how. */
export const CAPTCHA_AUDIO_DIR = "assets/captcha-audio";
export const CAPTCHA_AUDIO_RATE = 11_025;

/** Each captcha character and the word read for it (Mandarin digits; 一 as "yāo" is avoided, it is a phone habit). */
export const CAPTCHA_SPOKEN: Record<string, string> = {
  "0": "零",
  "1": "一",
  "2": "二",
  "3": "三",
  "4": "四",
  "5": "五",
  "6": "六",
  "7": "七",
  "8": "八",
  "9": "九",
};
