import type { Command } from 'commander'
import { registerAdminCreate } from './admin-create.js'
import { registerAdminDelete } from './admin-delete.js'
import { registerAdminList } from './admin-list.js'

/** Registers `basalt admin create | list | delete`: accounts of the console and admin API. */
export function registerAdmin(program: Command): void {
  const admin = program
    .command('admin')
    .description(
      'manage admin accounts of the console (works whether or not the server is running)',
    )
  registerAdminCreate(admin)
  registerAdminList(admin)
  registerAdminDelete(admin)
}
