export * from './errors.js'
export * from './envelope.js'
export * from './routes.js'
export * from './modules.js'
