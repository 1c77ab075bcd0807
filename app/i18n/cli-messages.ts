import { defineMessages } from "./i18n";

// What the command-line tools (app/cli/*) tell the operator; printed in both languages, zh-CN first.
const zh = {
  portTaken: "端口 {port} 已被占用：请先停止占用它的程序，或换一个端口，例如 PORT=3001 npm start",
  badHeap: "{name}={value} 无效：应为整数（MB），至少 64，默认 {fallback}",
} as const;

const en: Record<keyof typeof zh, string> = {
  portTaken: "Port {port} is already in use: stop what holds it, or pick another, e.g. PORT=3001 npm start",
  badHeap: "{name}={value} is not valid: a whole number of MB, at least 64 (default {fallback})",
};

export const cliMessages = defineMessages({ zh, en });
