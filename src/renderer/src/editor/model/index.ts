/**
 * The span editor's pure model (no React, no DOM): components render what these functions
 * compute and turn user input into intents and commands. See docs/adr/0006-editor-model.md.
 */
export * from './tokens'
export * from './selection'
export * from './spans'
export * from './commands'
export * from './history'
export * from './intents'
export * from './suggestions'
export * from './keymap'
export * from './layout'
export * from './flow'
