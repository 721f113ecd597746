/**
 * Demo seed: three products — the Instagram Growth Package (two variants, a target-region option
 * group, an express add-on, custom fields), the Monthly Content Plan (with its subscription plan)
 * and an e-book at the reduced VAT rate. Builds on the reference categories. Refused in production.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { DEMO_PRODUCTS } from '../src/demo-data';
import { deleteSeeded, stableId } from '../src/ids';
import { requireId } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo products');
  for (const product of DEMO_PRODUCTS) {
    const categoryId = await requireId(knex, Table.productCategories, { slug: product.categorySlug }, '002_product_categories');
    const productId = await ensureRow(knex, Table.products, { id: stableId(Table.products, product.slug) }, {
      id: stableId(Table.products, product.slug),
      category_id: categoryId,
      slug: product.slug,
      name: product.name,
      description: product.description,
      product_type: product.productType,
      status: 'active',
      vat_category: product.vatCategory,
      price_gross: product.priceGross,
    });
    for (const [index, variant] of product.variants.entries()) {
      await ensureRow(knex, Table.productVariants, { id: stableId(Table.productVariants, variant.sku) }, {
        id: stableId(Table.productVariants, variant.sku),
        product_id: productId,
        sku: variant.sku,
        name: variant.name,
        price_gross: variant.priceGross,
        is_default: variant.isDefault,
        sort_order: index,
      });
    }
    for (const [index, group] of product.optionGroups.entries()) {
      const groupKey = `${product.slug}:${group.code}`;
      const groupId = await ensureRow(knex, Table.productOptionGroups, { id: stableId(Table.productOptionGroups, groupKey) }, {
        id: stableId(Table.productOptionGroups, groupKey),
        product_id: productId,
        code: group.code,
        name: group.name,
        group_type: group.groupType,
        is_required: group.isRequired,
        min_selections: group.isRequired ? 1 : 0,
        max_selections: group.groupType === 'single_choice' ? 1 : null,
        sort_order: index,
      });
      for (const [position, option] of group.options.entries()) {
        await ensureRow(knex, Table.productOptions, { id: stableId(Table.productOptions, `${groupKey}:${option.code}`) }, {
          id: stableId(Table.productOptions, `${groupKey}:${option.code}`),
          group_id: groupId,
          code: option.code,
          name: option.name,
          price_delta_gross: option.priceDeltaGross,
          is_default: option.isDefault,
          sort_order: position,
        });
      }
    }
    for (const [index, addOn] of product.addOns.entries()) {
      await ensureRow(knex, Table.productAddOns, { id: stableId(Table.productAddOns, `${product.slug}:${addOn.code}`) }, {
        id: stableId(Table.productAddOns, `${product.slug}:${addOn.code}`),
        product_id: productId,
        code: addOn.code,
        name: addOn.name,
        price_gross: addOn.priceGross,
        sort_order: index,
      });
    }
    for (const [index, field] of product.customFields.entries()) {
      await ensureRow(knex, Table.productCustomFields, { id: stableId(Table.productCustomFields, `${product.slug}:${field.key}`) }, {
        id: stableId(Table.productCustomFields, `${product.slug}:${field.key}`),
        product_id: productId,
        field_key: field.key,
        label: field.label,
        field_type: field.fieldType,
        is_required: field.isRequired,
        sort_order: index,
      });
    }
    if (product.plan) {
      await ensureRow(knex, Table.subscriptionPlans, { code: product.plan.code }, {
        id: stableId(Table.subscriptionPlans, product.plan.code),
        product_id: productId,
        code: product.plan.code,
        name: product.plan.name,
        stripe_price_id: product.plan.stripePriceId,
        billing_interval: 'month',
        interval_count: 1,
        price_gross: product.plan.priceGross,
      });
    }
  }
}

/** Children first (plans RESTRICT their product; the rest would cascade, but undo names its rows). */
export async function undo(knex: Knex): Promise<void> {
  const plans = DEMO_PRODUCTS.flatMap((p) => (p.plan ? [p.plan.code] : []));
  await deleteSeeded(knex, Table.subscriptionPlans, plans);
  await deleteSeeded(knex, Table.productCustomFields, DEMO_PRODUCTS.flatMap((p) => p.customFields.map((f) => `${p.slug}:${f.key}`)));
  await deleteSeeded(knex, Table.productAddOns, DEMO_PRODUCTS.flatMap((p) => p.addOns.map((a) => `${p.slug}:${a.code}`)));
  await deleteSeeded(knex, Table.productOptions, DEMO_PRODUCTS.flatMap((p) => p.optionGroups.flatMap((g) => g.options.map((o) => `${p.slug}:${g.code}:${o.code}`))));
  await deleteSeeded(knex, Table.productOptionGroups, DEMO_PRODUCTS.flatMap((p) => p.optionGroups.map((g) => `${p.slug}:${g.code}`)));
  await deleteSeeded(knex, Table.productVariants, DEMO_PRODUCTS.flatMap((p) => p.variants.map((v) => v.sku)));
  await deleteSeeded(knex, Table.products, DEMO_PRODUCTS.map((p) => p.slug));
}
