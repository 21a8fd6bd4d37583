/** Says, once per run, which databases the API tests run on, so that CI's output shows it. */
export default function setup(): void {
  const dbs = process.env.TEST_DATABASE_URL
    ? 'SQLite and PostgreSQL (TEST_DATABASE_URL is set)'
    : 'SQLite only (set TEST_DATABASE_URL to add PostgreSQL)';
  console.log(`\nAPI tests run on: ${dbs}; Node.js ${process.version}\n`);
}
