// 发送签约邀请 reaches a student of another school only through an exact search (身份证号, or 学号 + 姓名): each match is
// recorded here, and an invitation names a student this employer found, offered (拟录用) or signed with before. A
// student id alone, guessed or counted through the API, reaches no one.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('signing_search_hits', (t) => {
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('students.id').onDelete('CASCADE');
    t.timestamp('found_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['employer_id', 'student_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('signing_search_hits');
}
