/**
 * A picture of an item, by content id (R17: only for signed-in roles that may read items).
 */
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { ItemImageModel, type ItemImageRecord } from './item-image.model';

/**
 * The picture `imageId` of the actor's organisation.
 * @throws AppError `not_found` for an unknown picture.
 */
export async function getItemImage(options: { imageId: string; actor: Actor }): Promise<{ contentType: string; data: Buffer }> {
  const image = await ItemImageModel.findOne({ organisationId: options.actor.organisationId, imageId: options.imageId }).lean<ItemImageRecord>();
  if (!image) throw new AppError('not_found', `imageId: picture ${options.imageId} does not exist`);
  const data = Buffer.isBuffer(image.data) ? image.data : Buffer.from((image.data as unknown as { buffer: ArrayBuffer }).buffer);
  return { contentType: image.contentType, data };
}
