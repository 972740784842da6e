import type { ServerRoute } from '@hapi/hapi';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { idParams } from '../../../core/http/schemas.js';
import type { RoomInput, RoomService } from '../room-service.js';
import { roomSchema } from '../schemas.js';

export const updateRoom = (rooms: RoomService): ServerRoute => ({
  method: 'PUT',
  path: '/api/v1/admin/rooms/{id}',
  options: {
    tags: ['api', 'admin'],
    description: '修改本校的宣讲会场地',
    auth: 'staff',
    app: { access: {} },
    validate: { params: idParams, payload: roomSchema },
    handler: (request) =>
      rooms.update(
        request.auth.credentials as unknown as StaffCredentials,
        (request.params as { id: number }).id,
        request.payload as RoomInput,
      ),
  },
});
