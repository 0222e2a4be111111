export * from './public.js'
