// Copyright IBM Corp. 2021, 2026
// SPDX-License-Identifier: MPL-2.0

package fwschemadata_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/internal/fwschema"
	"github.com/hashicorp/terraform-plugin-framework/internal/fwschemadata"
	"github.com/hashicorp/terraform-plugin-framework/internal/testing/testschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A list block inside a single block is still nullified and reified: the
// schema has a collection block, though not at its root.
func TestDataCollectionBlocksInSingleBlock(t *testing.T) {
	t.Parallel()

	schema := testschema.Schema{
		Blocks: map[string]fwschema.Block{
			"single_block": testschema.Block{
				NestedObject: testschema.NestedBlockObject{
					Blocks: map[string]fwschema.Block{
						"list_block": testschema.Block{
							NestedObject: testschema.NestedBlockObject{
								Attributes: map[string]fwschema.Attribute{
									"test_attribute": testschema.Attribute{Optional: true, Type: types.StringType},
								},
							},
							NestingMode: fwschema.BlockNestingModeList,
						},
					},
				},
				NestingMode: fwschema.BlockNestingModeSingle,
			},
		},
	}
	listType := tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{"test_attribute": tftypes.String}}}
	singleType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"list_block": listType}}
	rootType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"single_block": singleType}}
	value := func(list tftypes.Value) tftypes.Value {
		return tftypes.NewValue(rootType, map[string]tftypes.Value{
			"single_block": tftypes.NewValue(singleType, map[string]tftypes.Value{"list_block": list}),
		})
	}
	empty, null := value(tftypes.NewValue(listType, []tftypes.Value{})), value(tftypes.NewValue(listType, nil))

	data := &fwschemadata.Data{Description: fwschemadata.DataDescriptionConfiguration, Schema: schema, TerraformValue: empty}
	if diags := data.NullifyCollectionBlocks(context.Background()); diags.HasError() {
		t.Fatalf("NullifyCollectionBlocks: %v", diags)
	}
	if !data.TerraformValue.Equal(null) {
		t.Errorf("NullifyCollectionBlocks gave %s, want the list block null", data.TerraformValue)
	}
	if diags := data.ReifyNullCollectionBlocks(context.Background()); diags.HasError() {
		t.Fatalf("ReifyNullCollectionBlocks: %v", diags)
	}
	if !data.TerraformValue.Equal(empty) {
		t.Errorf("ReifyNullCollectionBlocks gave %s, want the list block empty", data.TerraformValue)
	}
}
