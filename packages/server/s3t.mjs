import S3rver from 's3rver'
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'
import { mkdtempSync } from 'node:fs'
const dir = mkdtempSync('/tmp/s3rver-')
const s = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir })
const { port } = await s.run()
const c = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
await c.send(new CreateBucketCommand({ Bucket: 'bkt' }))
await c.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'k', Body: 'hello' }))
const r = await c.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'k', Range: 'bytes=1-3' }))
console.log(await r.Body.transformToString())
const { Upload } = await import('@aws-sdk/lib-storage'); const big = Buffer.alloc(12*1024*1024, 7); const up = new Upload({ client: c, params: { Bucket: 'bkt', Key: 'big', Body: (await import('node:stream')).Readable.from([big.subarray(0,6e6), big.subarray(6e6)]) }, partSize: 5*1024*1024 }); await up.done(); const g = await c.send(new GetObjectCommand({Bucket:'bkt',Key:'big'})); console.log('big', g.ContentLength, g.ETag); await s.close()
