import { describe, expectTypeOf, it } from 'vitest'
import { createClient } from '../src/index.js'
import type {
  ComputeRow,
  CountInfo,
  DBResult,
  DeleteInfo,
  GroupComputation,
  StoredObject,
  TopObject,
  UpdateInfo,
} from '../src/index.js'

// Type-level checks. vitest runs them as no-ops (it does not type-check, and `tsc -b` does not
// cover test/); check them with `npx tsc --noEmit --strict --module nodenext --moduleResolution
// nodenext --target es2023 --lib es2023,dom --skipLibCheck --types node <this file>`.
// The calls go to a fetch that answers `null` at once.

interface Todo {
  title: string
  done: boolean
  tags?: string[]
}

type Stored = StoredObject<Todo>

const answerNull = async () => new Response('null')
const db = () => createClient('http://127.0.0.1:1', 'ck', { fetch: answerNull }).db

describe('database types', () => {
  it('types the results of a typed model as T plus the system fields', () => {
    const todos = () => db().model<Todo>('todos')
    expectTypeOf<Stored['_id']>().toEqualTypeOf<string>()
    expectTypeOf<Stored['_parent']>().toEqualTypeOf<string | undefined>()
    expectTypeOf(todos().get()).resolves.toEqualTypeOf<DBResult<Stored[]>>()
    expectTypeOf(todos().getSingle()).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(todos().getRandom(2)).resolves.toEqualTypeOf<DBResult<Stored[]>>()
    expectTypeOf(todos().searchFuzzy('title', 'x')).resolves.toEqualTypeOf<DBResult<Stored[]>>()
    expectTypeOf(todos().update({ done: true })).resolves.toEqualTypeOf<DBResult<UpdateInfo>>()
    expectTypeOf(todos().delete()).resolves.toEqualTypeOf<DBResult<DeleteInfo>>()
    // @ts-expect-error: not a field of Todo
    void todos().create({ titel: 'x' })
    // @ts-expect-error: a wrongly typed field
    void todos().update({ done: 'yes' })
  })

  it('types get(true) and searchText(text, true) as {info, data}', () => {
    const todos = db().model<Todo>('todos')
    type Counted = { info: CountInfo; data: Stored[] }
    expectTypeOf(todos.get(true)).resolves.toEqualTypeOf<DBResult<Counted>>()
    expectTypeOf(todos.get(false)).resolves.toEqualTypeOf<DBResult<Stored[]>>()
    expectTypeOf(todos.searchText('a', true)).resolves.toEqualTypeOf<DBResult<Counted>>()
    expectTypeOf(todos.searchText('a')).resolves.toEqualTypeOf<DBResult<Stored[]>>()
    const flag = Math.random() > 0.5
    expectTypeOf(todos.get(flag)).resolves.toEqualTypeOf<DBResult<Stored[] | Counted>>()
  })

  it('types create and append by the shape of the values', () => {
    const todos = db().model<Todo>('todos')
    const one = { title: 'a', done: false }
    expectTypeOf(todos.create(one)).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(todos.create([one, one])).resolves.toEqualTypeOf<DBResult<Stored[]>>()
    expectTypeOf(todos.append(one, 'p1')).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(todos.append([one], 'p1')).resolves.toEqualTypeOf<DBResult<Stored[]>>()
    expectTypeOf(todos.append([one], 'p1', true)).resolves.toEqualTypeOf<DBResult<TopObject>>()
  })

  it('types returnTop writes as the top-level object', () => {
    const tasks = db().model<Todo>('users.tasks')
    expectTypeOf(tasks.set({ title: 'a' }, 'p1')).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(tasks.set({}, 'p1', true)).resolves.toEqualTypeOf<DBResult<TopObject>>()
    const object = tasks.object('id1')
    expectTypeOf(object.get()).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(
      object.get([{ field: 'a' }, { name: 'b', modelName: 'm', query: 'q' }]),
    ).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(object.update({ done: true })).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(object.update({}, { returnTop: true })).resolves.toEqualTypeOf<
      DBResult<TopObject>
    >()
    expectTypeOf(
      object.updateFields({ field: 'done', updateType: 'unset' }, { cache: '1min' }),
    ).resolves.toEqualTypeOf<DBResult<Stored>>()
    expectTypeOf(object.delete()).resolves.toEqualTypeOf<DBResult<null>>()
    expectTypeOf(object.delete({ returnTop: true })).resolves.toEqualTypeOf<DBResult<TopObject>>()
    const options = { returnTop: Math.random() > 0.5 }
    expectTypeOf(object.append({}, 'p1', options)).resolves.toEqualTypeOf<
      DBResult<Stored | TopObject>
    >()
    // @ts-expect-error: not a cache duration
    void object.get({ cache: '2min' })
  })

  it('accepts any object on an untyped model, interfaces included', () => {
    const todo: Todo = { title: 'a', done: false }
    const notes = db().model('notes')
    void notes.create(todo)
    void notes.object().create(todo)
    expectTypeOf(notes.getSingle()).resolves.toEqualTypeOf<
      DBResult<StoredObject<Record<string, unknown>>>
    >()
  })

  it('types compute rows by the computation names', () => {
    const orders = db().model('orders')
    const computations = orders.compute([
      { name: 'total', type: 'sum', expression: 'amount' },
      { name: 'count', type: 'count' },
    ])
    type Row = ComputeRow<'total' | 'count'>
    expectTypeOf(computations).resolves.toEqualTypeOf<DBResult<Row[]>>()
    expectTypeOf<Row['total']>().toEqualTypeOf<number>()
    expectTypeOf<Row['count']>().toEqualTypeOf<number>()
    expectTypeOf<Row['groupby']>().toEqualTypeOf<Record<string, unknown> | null | undefined>()
    const list: GroupComputation[] = []
    type Loose = NonNullable<Awaited<ReturnType<typeof orders.compute<GroupComputation>>>['data']>
    expectTypeOf(orders.compute(list)).resolves.toEqualTypeOf<DBResult<Loose>>()
    expectTypeOf<Loose[number]['anything']>().toEqualTypeOf<unknown>()
  })
})
