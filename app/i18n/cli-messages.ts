import { defineMessages } from "./i18n";

// What the command-line tools (app/cli/*) tell the operator; printed in both languages, zh-CN first.
const zh = {
  portTaken: "端口 {port} 已被占用：请先停止占用它的程序，或换一个端口，例如 PORT=3001 npm start",
} as const;

const en: Record<keyof typeof zh, string> = {
  portTaken: "Port {port} is already in use: stop what holds it, or pick another, e.g. PORT=3001 npm start",
};

export const cliMessages = defineMessages({ zh, en });
