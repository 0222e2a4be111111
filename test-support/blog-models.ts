import type { AppConfig } from '@basalt/server'

/**
 * The example model set of the database tests: users, posts with object-lists, comments
 * referencing posts. Access rules as a typical app would write them.
 */
export const BLOG_MODELS = {
  users: {
    access: { read: 'true', create: 'true', update: 'true', delete: 'true' },
    fields: {
      name: { type: 'text', required: true, minLength: 2, maxLength: 50, fuzzySearchable: true },
      email: { type: 'email', unique: true },
      age: { type: 'integer', min: 0, max: 150 },
      score: { type: 'decimal', decimalPlaces: 2 },
      active: { type: 'boolean', defaultValue: 'true' },
      tags: { type: 'basic-values-list', itemType: 'text' },
      joinedAt: { type: 'date-time', defaultValue: 'NOW()' },
      role: { type: 'option', values: ['admin', 'editor', 'reader'], defaultValue: "'reader'" },
      secretNote: { type: 'encrypted-text', maxLength: 100 },
      profile: {
        type: 'object',
        fields: {
          bio: { type: 'text', maxLength: 200 },
          city: { type: 'text' },
        },
      },
      addresses: {
        type: 'object-list',
        fields: {
          city: { type: 'text', required: true },
          zip: { type: 'text', pattern: '^[0-9]{5}$' },
        },
      },
    },
  },
  posts: {
    access: {
      read: 'published || this.author == session.userId',
      create: 'session.userId != null && this.author == session.userId',
      update: 'this.author == session.userId',
      delete: 'this.author == session.userId',
    },
    fields: {
      title: {
        type: 'text',
        required: true,
        searchable: true,
        fuzzySearchable: true,
        rules: [
          {
            name: 'noShouting',
            rule: 'title != UPPER(title) || LENGTH(title) < 4',
            message: "'Title must not be all capitals: ' + title",
          },
        ],
      },
      body: { type: 'rich-text', searchable: true },
      author: { type: 'reference', model: 'users', indexed: true },
      likes: { type: 'integer', defaultValue: '0', min: 0 },
      published: { type: 'boolean', defaultValue: 'false' },
      tags: { type: 'basic-values-list', itemType: 'text' },
      location: { type: 'geo-point' },
      publishAt: { type: 'date-time' },
      slug: { type: 'text', unique: true, readOnly: true },
      attachments: {
        type: 'object-list',
        fields: {
          name: { type: 'text', required: true },
          size: { type: 'integer', min: 0 },
        },
      },
    },
  },
  comments: {
    access: {
      read: 'true',
      create: 'session.userId != null',
      update: 'this.author == session.userId',
      delete: 'this.author == session.userId',
    },
    fields: {
      post: { type: 'reference', model: 'posts', indexed: true },
      author: { type: 'reference', model: 'users' },
      text: { type: 'text', required: true, minLength: 1 },
      rating: { type: 'integer', min: 1, max: 5 },
    },
  },
  /** A model without access rules: closed to client keys. */
  secrets: {
    fields: { value: { type: 'text' } },
  },
} satisfies NonNullable<AppConfig['models']>
