import { watch } from 'node:fs'
import type { FSWatcher } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/** A running watch over a folder tree. */
export interface TreeWatcher {
  /** Resolves once every existing folder is watched. */
  ready: Promise<void>
  close(): void
}

/**
 * Whether a change at `path` (relative to the app folder) should not restart the server:
 * dotfiles and dot-folders (.basalt, .git), node_modules, and the given folders (a data folder
 * set elsewhere inside the app).
 */
export function isIgnoredPath(path: string, ignoredDirs: readonly string[] = []): boolean {
  const segments = path.split(/[\\/]/)
  if (segments.some((segment) => segment.startsWith('.') || segment === 'node_modules')) {
    return true
  }
  return ignoredDirs.some((dir) => path === dir || path.startsWith(dir + sep))
}

/**
 * Watches `root` and its folders, skipping ignored ones, and calls `onChange` with the relative
 * path of each change. One fs.watch per folder rather than `recursive: true`, which on Linux
 * (Node 20) watches every file below, node_modules and the database files included.
 */
export function watchTree(
  root: string,
  ignore: (path: string) => boolean,
  onChange: (path: string) => void,
): TreeWatcher {
  const watchers = new Map<string, FSWatcher>()
  let closed = false
  const unwatch = (dir: string) => {
    for (const [path, watcher] of watchers) {
      if (path === dir || path.startsWith(dir + sep)) {
        watcher.close()
        watchers.delete(path)
      }
    }
  }
  const add = async (dir: string): Promise<void> => {
    if (closed || watchers.has(dir)) return
    let watcher: FSWatcher
    try {
      watcher = watch(dir, (_event, name) => onEvent(dir, name))
    } catch {
      return // removed in the meantime, or unreadable
    }
    watcher.on('error', () => unwatch(dir))
    watchers.set(dir, watcher)
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory() && !ignore(relative(root, path))) await add(path)
    }
  }
  const onEvent = (dir: string, name: string | null) => {
    const path = name ? join(dir, name) : dir
    const rel = relative(root, path)
    if (rel && ignore(rel)) return
    onChange(rel || '.')
    // A new folder gets watched too; a removed one releases its watchers.
    void stat(path).then(
      (found) => (found.isDirectory() ? add(path) : undefined),
      () => unwatch(path),
    )
  }
  return {
    ready: add(root),
    close() {
      closed = true
      unwatch(root)
    },
  }
}
