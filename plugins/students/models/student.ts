// A student of one school site, imported from the school's roster. 学号 is unique within the school and 身份证号 in the
// province (database constraints); the password is set at the first sign-in (by SMS code) and may be null before.
import { BaseModel, column } from '../../../core/db/model.js';

export const GENDERS = ['男', '女'] as const;
export const STUDENT_DEGREES = ['专科', '本科', '硕士', '博士'] as const;
export type StudentDegree = (typeof STUDENT_DEGREES)[number];

export class Student extends BaseModel {
  static override tableName = 'students';

  declare id: number;
  declare siteId: number;
  declare studentNo: string;
  declare name: string;
  declare idNumber: string;
  declare gender: (typeof GENDERS)[number];
  declare degree: StudentDegree;
  declare major: string;
  declare graduationYear: number;
  declare phone: string;
  declare eSignEligible: boolean;
  declare passwordHash: string | null;
  declare tokenVersion: number;
  declare failedLogins: number;
  declare lockedUntil: Date | string | null;
  declare disabledAt: Date | string | null;
  declare lastLoginAt: Date | string | null;
  declare createdAt: Date | string;
  declare updatedAt: Date | string;

  static override jsonSchema = {
    type: 'object',
    required: [
      'siteId',
      'studentNo',
      'name',
      'idNumber',
      'gender',
      'degree',
      'major',
      'graduationYear',
      'phone',
    ],
    properties: {
      id: column.id,
      siteId: column.integer,
      studentNo: column.text,
      name: column.text,
      idNumber: column.text,
      gender: column.enumOf(GENDERS),
      degree: column.enumOf(STUDENT_DEGREES),
      major: column.text,
      graduationYear: column.integer,
      phone: column.text,
      eSignEligible: column.boolean,
      passwordHash: column.nullableText,
      tokenVersion: column.integer,
      failedLogins: column.integer,
      lockedUntil: column.nullableTimestamp,
      disabledAt: column.nullableTimestamp,
      lastLoginAt: column.nullableTimestamp,
      createdAt: column.timestamp,
      updatedAt: column.timestamp,
    },
  };
}

/** 3201**********1234: what an employer sees of an ID number (PIPL), and only through an application or agreement. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length < 8
    ? '*'.repeat(idNumber.length)
    : `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
