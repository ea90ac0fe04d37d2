package processout

import (
	"context"
	"errors"
	"testing"
)

// TestProjectAnswerMustNameTheProjectAskedFor: a read or update of project
// A answered with project B (ProcessOut acting on the authenticated
// project whatever the path says) is an error, never B's values; the
// caller's own project, asked for as CurrentProject, may be any id.
func TestProjectAnswerMustNameTheProjectAskedFor(t *testing.T) {
	ctx := context.Background()
	c := New(answer(200, `{"success":true,"project":{"id":"proj_supervisor","name":"Supervisor"}}`))
	got, getErr := c.GetProject(ctx, "proj_child")
	_, putErr := c.UpdateProject(ctx, "proj_child", ProjectInput{Name: "Child"})
	for op, err := range map[string]error{"project.read": getErr, "project.update": putErr} {
		var wrong *WrongObjectError
		if !errors.As(err, &wrong) || wrong.Operation != op || wrong.Field != "id" || wrong.Asked != "proj_child" || wrong.Answered != "proj_supervisor" {
			t.Errorf("%s: err = %v, want a WrongObjectError naming both projects", op, err)
		}
	}
	if got != nil {
		t.Errorf("the read returned the other project's values: %+v", got)
	}
	if own, err := c.GetProject(ctx, CurrentProject); err != nil || own.ID != "proj_supervisor" {
		t.Errorf("GetProject(CurrentProject) = %+v, %v", own, err)
	}
	if same, err := New(answer(200, `{"success":true,"project":{"id":"proj_child"}}`)).GetProject(ctx, "proj_child"); err != nil || same.ID != "proj_child" {
		t.Errorf("GetProject of the project answered = %+v, %v", same, err)
	}
}
