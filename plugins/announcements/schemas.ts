// The rules of an announcement's fields, shared by the employer API and the employer pages.
import Joi from 'joi';

export const MAX_ATTACHMENTS = 10;

export const announcementTitle = Joi.string().trim().min(2).max(80).required();
export const announcementBody = Joi.string().trim().min(10).max(20000).required();
/** Ids of files the employer uploaded (POST /api/v1/employer/files, purpose attachment). */
export const announcementAttachments = Joi.array()
  .items(Joi.string().guid())
  .max(MAX_ATTACHMENTS)
  .unique()
  .default([]);
