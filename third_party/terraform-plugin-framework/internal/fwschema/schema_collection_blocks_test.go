// Copyright IBM Corp. 2021, 2026
// SPDX-License-Identifier: MPL-2.0

package fwschema_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/internal/fwschema"
	"github.com/hashicorp/terraform-plugin-framework/internal/testing/testschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSchemaHasCollectionBlocks(t *testing.T) {
	t.Parallel()

	block := func(mode fwschema.BlockNestingMode, blocks map[string]fwschema.Block) fwschema.Block {
		return testschema.Block{
			NestedObject: testschema.NestedBlockObject{
				Attributes: map[string]fwschema.Attribute{
					"test_block_attribute": testschema.Attribute{Optional: true, Type: types.StringType},
				},
				Blocks: blocks,
			},
			NestingMode: mode,
		}
	}
	single, list, set := fwschema.BlockNestingModeSingle, fwschema.BlockNestingModeList, fwschema.BlockNestingModeSet

	testCases := map[string]struct {
		blocks   map[string]fwschema.Block
		expected bool
	}{
		"no-blocks":           {blocks: nil, expected: false},
		"single":              {blocks: map[string]fwschema.Block{"b": block(single, nil)}, expected: false},
		"single-in-single":    {blocks: map[string]fwschema.Block{"b": block(single, map[string]fwschema.Block{"c": block(single, nil)})}, expected: false},
		"list":                {blocks: map[string]fwschema.Block{"b": block(list, nil)}, expected: true},
		"set":                 {blocks: map[string]fwschema.Block{"b": block(set, nil)}, expected: true},
		"single-and-list":     {blocks: map[string]fwschema.Block{"a": block(single, nil), "b": block(list, nil)}, expected: true},
		"list-in-single":      {blocks: map[string]fwschema.Block{"b": block(single, map[string]fwschema.Block{"c": block(list, nil)})}, expected: true},
		"set-two-levels-down": {blocks: map[string]fwschema.Block{"b": block(single, map[string]fwschema.Block{"c": block(single, map[string]fwschema.Block{"d": block(set, nil)})})}, expected: true},
	}

	for name, testCase := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			schema := testschema.Schema{
				Attributes: map[string]fwschema.Attribute{
					"test_attribute": testschema.Attribute{Optional: true, Type: types.StringType},
				},
				Blocks: testCase.blocks,
			}
			if got := fwschema.SchemaHasCollectionBlocks(schema); got != testCase.expected {
				t.Errorf("SchemaHasCollectionBlocks = %t, want %t", got, testCase.expected)
			}
		})
	}
}
